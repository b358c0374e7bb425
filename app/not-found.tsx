import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The page doesn&apos;t exist, or you don&apos;t have access to it.</p>
      <Link prefetch={false} href="/" className="mt-6 inline-block text-sm font-medium text-blue-700 underline">
        Back to the console
      </Link>
    </main>
  );
}
