"use client";
import { useTransition } from "react";
import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { logoutAction } from "@/lib/next/logout-action";

export function LogoutButton() {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await logoutAction();
          await signOut({ callbackUrl: "/login" });
        })
      }
    >
      <LogOut aria-hidden className="h-4 w-4" />
      Log out
    </Button>
  );
}
