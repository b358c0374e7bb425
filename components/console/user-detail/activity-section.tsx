import Link from "next/link";
import { Section, Empty } from "./section";
import { RecentActivityTable } from "@/components/console/activity/recent-activity-table";
import { toRecentActivity } from "@/lib/activity/recent-activity";
import type { UserDetail } from "@/lib/users/get-user-detail";

/** `stepUpHref`: the org wants High Assurance to read history (S2) and this session isn't. */
export function ActivitySection({ detail, stepUpHref }: { detail: UserDetail; stepUpHref?: string }) {
  if (stepUpHref) {
    return (
      <Section title="Recent verification activity">
        <Empty>
          Your organization requires a recently verified session to view verification history.{" "}
          <Link prefetch={false} href={stepUpHref} className="font-medium text-blue-800 underline">
            Verify your identity
          </Link>
        </Empty>
      </Section>
    );
  }
  return (
    <Section
      title="Recent verification activity"
      actions={
        <Link prefetch={false} href={`/setup/activity?user=${detail.user.id}`} className="text-sm font-medium text-blue-800 hover:underline">
          View all
        </Link>
      }
    >
      <RecentActivityTable
        events={detail.events.map((e) => toRecentActivity(e, { userId: detail.user.id }))}
        caption={`${detail.user.name}'s recent verification activity, newest first`}
        showActor
      />
    </Section>
  );
}
