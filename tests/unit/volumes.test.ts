import { describe, expect, it } from "vitest";
import { summarizeClaim } from "@/lib/domain/volumes";

describe("summarizeClaim", () => {
  it("shows a bound claim with its capacity and class", () => {
    expect(summarizeClaim({ metadata: { name: "data-db-0" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "fast", resources: { requests: { storage: "5Gi" } } }, status: { phase: "Bound", capacity: { storage: "8Gi" } } })).toEqual({
      name: "data-db-0",
      phase: "Bound",
      requested: "5Gi",
      capacity: "8Gi",
      storageClass: "fast",
      accessModes: ["ReadWriteOnce"],
    });
  });
  it("is Pending before the controller reports, and Terminating while deleted", () => {
    expect(summarizeClaim({ metadata: { name: "a" }, spec: {} }).phase).toBe("Pending");
    expect(summarizeClaim({ metadata: { name: "a", deletionTimestamp: new Date() }, spec: {}, status: { phase: "Bound" } }).phase).toBe("Terminating");
  });
});
