"use client";
// The console's top navigation: the link of the page (or section) being viewed says so with
// aria-current, which screen readers announce and the style shows.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SetupNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The longest matching prefix is the section: /setup/users/<id> is under Users, not Overview.
  const section = links.filter((l) => pathname === l.href || pathname.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav aria-label="Setup" className="flex flex-wrap gap-4">
      {links.map((l) => {
        const current = l === section ? (pathname === l.href ? "page" : "true") : undefined;
        return (
          <Link
            prefetch={false}
            key={l.href}
            href={l.href}
            aria-current={current}
            className={`border-b-2 text-sm font-medium ${current ? "border-blue-700 text-slate-900" : "border-transparent text-slate-700 hover:text-slate-900"}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
