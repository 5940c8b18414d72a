import { describe, expect, it } from "vitest";
import { exceedsTeamLimits, reserved } from "@/lib/domain/team-limits";

const limits = { cpu: "10", memory: "20Gi", pods: 100, storage: "100Gi", namespaces: 3 };
const q = (cpu: string, memory = "1Gi", pods = 10, storage = "10Gi") => ({ cpu, memory, pods, storage });

describe("team limits", () => {
  it("adds the namespaces' quotas in base units", () => {
    expect(reserved([q("500m", "512Mi"), q("2", "1Gi", 5, "")])).toEqual({ cpu: 2.5, memory: 1.5 * 2 ** 30, pods: 15, storage: 10 * 2 ** 30 });
  });
  it("lets quotas that fit through and names the first limit that does not", () => {
    expect(exceedsTeamLimits("a", "local", limits, [q("4")], q("6"), 2)).toBeNull();
    expect(exceedsTeamLimits("a", "local", limits, [q("4")], q("6.5"), 2)).toBe("Team a may reserve at most 10 of CPU in its namespaces on cluster local; with this change they would reserve 10.5. Ask a platform admin to raise the team's limit.");
    expect(exceedsTeamLimits("a", "local", limits, [q("1", "16Gi")], q("1", "8Gi"), 2)).toMatch(/at most 20Gi of memory.*24Gi/);
    expect(exceedsTeamLimits("a", "local", limits, [], q("1", "1Gi", 101), 1)).toMatch(/at most 100 of pods/);
    expect(exceedsTeamLimits("a", "local", limits, [], q("1", "1Gi", 1, "1Ti"), 1)).toMatch(/at most 100Gi of storage/);
    expect(exceedsTeamLimits("a", "local", limits, [q("1"), q("1"), q("1")], q("1"), 4)).toBe("Team a may have at most 3 namespaces. Ask a platform admin to raise the team's limit.");
  });
});
