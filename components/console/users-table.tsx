import type { UserListRow } from "@/lib/users/list-users";

function methodsText(row: UserListRow): string[] {
  const methods: string[] = [];
  if (row.totpCount) methods.push(row.totpCount > 1 ? `Authenticator app ×${row.totpCount}` : "Authenticator app");
  if (row.webauthnCount) methods.push(row.webauthnCount > 1 ? `Security key ×${row.webauthnCount}` : "Security key");
  return methods;
}

export function UsersTable({ rows }: { rows: UserListRow[] }) {
  if (rows.length === 0) {
    return <p className="mt-6 rounded-md border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No users yet.</p>;
  }
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Users in your org</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Username</th>
            <th scope="col" className="px-4 py-3">Profile</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">MFA methods</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const methods = methodsText(row);
            return (
              <tr key={row.id}>
                <td className="px-4 py-3 font-medium text-slate-900">{row.name}</td>
                <td className="px-4 py-3 text-slate-700">{row.username}</td>
                <td className="px-4 py-3 text-slate-700">{row.profileName}</td>
                <td className="px-4 py-3">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${row.isActive ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600"}`}>
                    {row.isActive ? "Active" : "Inactive"}
                  </span>
                </td>
                <td className="px-4 py-3 text-slate-700">
                  {methods.length ? methods.join(", ") : <span className="text-slate-500">None registered</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
