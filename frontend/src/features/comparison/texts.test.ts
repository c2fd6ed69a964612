import { describe, expect, it } from "vitest";

import { groupName, reasonText } from "./texts";

describe("reasonText", () => {
  it("translates the API's known reasons for the English page", () => {
    expect(reasonText("Meldung noch nicht freigegeben", "en")).toEqual({ text: "submission not yet approved", german: false });
    expect(reasonText("primary: Fallzahl < 5", "en")?.text).toBe("small count (fewer than 5 cases)");
    expect(reasonText("n=3 < 5", "en")?.text).toBe("n=3 < 5 (group too small)");
  });

  it("keeps German reasons on the German page and words the technical ones", () => {
    expect(reasonText("Meldung noch nicht freigegeben", "de")).toEqual({ text: "Meldung noch nicht freigegeben", german: false });
    expect(reasonText("primary: Fallzahl < 3", "de")?.text).toBe("Fallzahl kleiner als 3");
  });

  it("marks an unknown reason as German on the English page instead of guessing", () => {
    expect(reasonText("Sonderfall XY", "en")).toEqual({ text: "Sonderfall XY", german: true });
    expect(reasonText(null, "en")).toBeNull();
  });
});

describe("groupName", () => {
  it("names the groups of a gap indicator in the interface language", () => {
    expect(groupName("Ausländer:innen", "A", "de")).toBe("Ausländer:innen");
    expect(groupName("Ausländer:innen", "A", "en")).toBe("foreign nationals");
    expect(groupName("Unbekannt", "group A", "en")).toBe("group A");
    expect(groupName(null, "A", "de")).toBe("A");
  });
});
