import type { ReactNode } from "react";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { errorText } from "@/lib/console";

/**
 * A console page that could not load what it shows: its header (with its links back) and why,
 * in the reader's language. `about`: the error's heading when it is not the page's title.
 */
export async function LoadFailed({ title, error, about = title, actions }: { title: string; error: unknown; about?: string; actions?: ReactNode }) {
  return (
    <>
      <PageHeader title={title} actions={actions} />
      <ErrorState title={about} message={await errorText(error)} />
    </>
  );
}
