import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { SortDir } from "@/lib/users/user-sort";

/**
 * A column header that sorts: a link (keyboard and no-JavaScript alike), `aria-sort` on the sorted
 * column only, and the direction a click gives spelled out for screen readers.
 */
export function SortHeader({ label, dir, href, nextDir }: { label: string; dir: SortDir | null; href: string; nextDir: SortDir }) {
  const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <th scope="col" aria-sort={dir === null ? undefined : dir === "asc" ? "ascending" : "descending"} className="px-4 py-3">
      <Link
        prefetch={false}
        href={href}
        className="inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        {label}
        <Icon aria-hidden className={`h-3.5 w-3.5 ${dir === null ? "text-slate-400" : "text-slate-800"}`} />
        <span className="sr-only">, sort {nextDir === "asc" ? "ascending" : "descending"}</span>
      </Link>
    </th>
  );
}
