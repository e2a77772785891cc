/** Untagged page content (Chromium's margin boxes) becomes /Artifact; tagged content is left alone. */
import { describe, expect, it } from "vitest";
import { markArtifacts, operations } from "../../src/pdf/artifacts.ts";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const text = (data: Uint8Array | undefined) => (data ? Buffer.from(data).toString("latin1") : undefined);

describe("artifact marking", () => {
  it("splits a content stream into operations, past strings, hex strings, dicts and arrays", () => {
    const ops = operations(
      bytes("q /P <</MCID 0>> BDC BT /F1 12 Tf (a \\) b (c)) Tj <00410042> Tj [(x) -20 (y)] TJ ET EMC Q"),
    )!;
    expect(ops.map((o) => o.operator)).toEqual(["q", "BDC", "BT", "Tf", "Tj", "Tj", "TJ", "ET", "EMC", "Q"]);
    expect(operations(bytes("BI /W 1 /H 1 ID x EI"))).toBeUndefined();
  });

  it("wraps painting outside marked content, and only that", () => {
    const source = "q BT /F1 9 Tf (Side 1 af 2) Tj ET Q\n/P <</MCID 0>> BDC BT (tekst) Tj ET EMC\n0 0 1 1 re f";
    const marked = text(markArtifacts(bytes(source)))!;
    expect(marked).toBe(
      "/Artifact BMC\nq BT /F1 9 Tf (Side 1 af 2) Tj ET Q\nEMC\n\n/P <</MCID 0>> BDC BT (tekst) Tj ET EMC\n/Artifact BMC\n0 0 1 1 re f\nEMC\n",
    );
    expect(markArtifacts(bytes(marked))).toBeUndefined();
  });

  it("leaves state changes and clipping that paint nothing alone", () => {
    expect(markArtifacts(bytes("q 1 0 0 1 0 0 cm 0 0 5 5 re W n /P <</MCID 0>> BDC (a) Tj EMC Q"))).toBeUndefined();
  });
});
