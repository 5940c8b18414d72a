"use client";
import { createContext, useContext } from "react";

// The id of the request that rendered the page (the x-request-id header and the log line's
// reqId), for the error pages to show: a person quotes it, an operator greps the log for it.
const RequestIdContext = createContext<string | null>(null);

export function RequestIdProvider({ id, children }: { id: string | null; children: React.ReactNode }) {
  return <RequestIdContext.Provider value={id}>{children}</RequestIdContext.Provider>;
}

export const useRequestId = () => useContext(RequestIdContext);
