import { Section, Empty } from "@/components/console/user-detail/section";
import { LocalTime } from "@/components/console/local-time";
import { ConfirmAction } from "@/components/console/confirm-action";
import { disconnectMethodAction } from "./actions";
import type { UserDetail } from "@/lib/users/get-user-detail";

interface MethodRow {
  type: "TOTP" | "WEBAUTHN";
  id: string;
  typeLabel: string;
  name: string;
  registeredAt: Date;
  lastUsedAt: Date | null;
}

export function methodRows(detail: UserDetail): MethodRow[] {
  return [
    ...detail.user.totpFactors.map((f) => ({
      type: "TOTP" as const,
      id: f.id,
      typeLabel: "Authenticator app",
      name: f.name,
      registeredAt: f.verifiedAt ?? f.createdAt,
      lastUsedAt: f.lastUsedAt,
    })),
    ...detail.user.webauthnCreds.map((c) => ({
      type: "WEBAUTHN" as const,
      id: c.id,
      typeLabel: c.deviceType === "multiDevice" ? "Passkey" : "Security key",
      name: c.name,
      registeredAt: c.createdAt,
      lastUsedAt: c.lastUsedAt,
    })),
  ];
}

export function MethodsSection({ detail, canAct, stepUpHref }: { detail: UserDetail; canAct: boolean; stepUpHref?: string }) {
  const rows = methodRows(detail);
  return (
    <Section title="Verification methods">
      {rows.length === 0 ? (
        <Empty>No verification method registered. If MFA is required, the user registers one at the next login.</Empty>
      ) : (
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Verification methods</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Type
              </th>
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Registered
              </th>
              <th scope="col" className="py-2 pr-4">
                Last used
              </th>
              {canAct && (
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((m) => (
              <tr key={m.id}>
                <td className="py-2 pr-4">{m.typeLabel}</td>
                <td className="py-2 pr-4 font-medium">{m.name}</td>
                <td className="py-2 pr-4">
                  <LocalTime iso={m.registeredAt.toISOString()} />
                </td>
                <td className="py-2 pr-4">{m.lastUsedAt ? <LocalTime iso={m.lastUsedAt.toISOString()} /> : <span className="text-slate-500">Never</span>}</td>
                {canAct && (
                  <td className="py-2 text-right">
                    <ConfirmAction
                      label="Disconnect"
                      title={`Disconnect "${m.name}"?`}
                      description={`${detail.user.name} will no longer be able to verify with this ${m.typeLabel.toLowerCase()}.${
                        rows.length > 1 ? " Other methods stay." : " It is their only verification method."
                      }`}
                      confirmLabel="Disconnect"
                      variant="danger"
                      askReason
                      action={disconnectMethodAction}
                      hidden={{ userId: detail.user.id, methodType: m.type, methodId: m.id }}
                      successMessage={`"${m.name}" disconnected.`}
                      stepUpHref={stepUpHref}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
