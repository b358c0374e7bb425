"use client";
// Hands the single-use ticket from a completed challenge to next-auth, which sets the session
// cookie, then leaves the login pages for the home page, which picks each user's start page.
import { signIn } from "next-auth/react";

export async function finishLogin(ticket: string, destination = "/"): Promise<boolean> {
  const result = await signIn("login-ticket", { ticket, redirect: false });
  if (!result || result.error) return false;
  window.location.assign(destination);
  return true;
}
