import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { connection } from "next/server";
import { viewerTimeZone } from "@/lib/next/viewer-time-zone";
import { ViewerTimeZoneProvider } from "@/components/console/viewer-time-zone";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MFA Console", template: "%s · MFA Console" },
  description: "Multi-factor authentication console",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so Next.js can put the request's CSP nonce on its scripts
  // (scripts/http-edge.mjs); a prerendered page's scripts would carry none and be blocked.
  await connection();
  const zone = await viewerTimeZone();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <ViewerTimeZoneProvider zone={zone}>{children}</ViewerTimeZoneProvider>
      </body>
    </html>
  );
}
