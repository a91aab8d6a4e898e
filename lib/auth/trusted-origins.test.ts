import { describe, expect, it } from "vitest";
import { trustedOrigins } from "./trusted-origins";

describe("trustedOrigins", () => {
  it("adds the other loopback names of a loopback APP_URL, on its scheme and port", () => {
    expect(trustedOrigins("http://localhost:3000")).toEqual([
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
    ]);
    expect(trustedOrigins("https://127.0.0.1:8443/")).toEqual([
      "https://127.0.0.1:8443",
      "https://localhost:8443",
      "https://[::1]:8443",
    ]);
  });

  it("trusts only APP_URL itself when it names another host", () => {
    expect(trustedOrigins("https://evol.example.org")).toEqual(["https://evol.example.org"]);
    expect(trustedOrigins("http://192.0.2.2:3000")).toEqual(["http://192.0.2.2:3000"]);
  });
});
