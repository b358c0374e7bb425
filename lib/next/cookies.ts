/** Cookies are Secure whenever the console is served over https (NEXTAUTH_URL). */
export function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}
