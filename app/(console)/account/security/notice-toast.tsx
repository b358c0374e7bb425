"use client";
// The message of a change that redirected back here (?notice=…), said once as a toast (sonner's
// aria-live list), then dropped from the address with a router replace: Next's router keeps the
// search params it rendered with, so a later action's re-render (a rename) would otherwise say it
// again, and so would a reload.
import { useEffect } from "react";
import { usePathname, useRouter } from "next/navigation";
import { toast } from "sonner";

export function NoticeToast({ id, text }: { id: string; text: string }) {
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    // Sonner replays it to the layout's Toaster if that subscribes later in this commit.
    toast.success(text, { id: `notice-${id}` });
    const url = new URL(window.location.href);
    url.searchParams.delete("notice");
    url.searchParams.delete("at");
    router.replace(`${pathname}${url.search}${url.hash}`, { scroll: false });
  }, [id, text, router, pathname]);
  return null;
}
