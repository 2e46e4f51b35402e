import { describe, expect, it } from "vitest"
import { belongsToSite, regionBaseUrl, registrableDomain, type SitePolicy } from "./siteAddress"

describe("registrableDomain", () => {
  it.each([
    ["acme.files.com", "files.com"],
    ["acme.eu.files.com", "files.com"],
    ["files.com", "files.com"],
    ["Files.Example.co.uk.", "example.co.uk"],
    ["eu.files.example.com.au", "example.com.au"],
    ["files.example.io", "example.io"],
    ["eu.files.localhost", "files.localhost"],
    ["localhost", "localhost"],
    ["127.0.0.1", "127.0.0.1"],
    ["[::1]", "[::1]"],
  ])("reads %s as %s", (host, domain) => {
    expect(registrableDomain(host)).toBe(domain)
  })
})

describe("regionBaseUrl", () => {
  const policy = (site: string, allowedHosts: string[] = []): SitePolicy => ({
    site: new URL(site),
    allowedHosts,
  })

  it("keeps the site's protocol and path for a bare host, as Files.com sends it", () => {
    expect(regionBaseUrl(policy("https://acme.files.com"), "acme.eu.files.com")).toBe(
      "https://acme.eu.files.com",
    )
    expect(regionBaseUrl(policy("http://files.localhost:5173/x/"), "eu.files.localhost:5173")).toBe(
      "http://eu.files.localhost:5173/x",
    )
  })

  it("takes only the host: a path, query or credentials the server adds are dropped", () => {
    for (const host of ["acme.eu.files.com/x", "acme.eu.files.com?x=1", "u:p@acme.eu.files.com"])
      expect(regionBaseUrl(policy("https://acme.files.com"), host)).toBe(
        "https://acme.eu.files.com",
      )
  })

  it("takes only the origin of a full address", () => {
    expect(
      regionBaseUrl(policy("https://acme.files.com"), "https://acme.eu.files.com/ignored"),
    ).toBe("https://acme.eu.files.com")
  })

  it.each([
    ["another domain", "files.example.net"],
    ["a look-alike domain", "acme.files.com.example.net"],
    ["http from an https site", "http://acme.eu.files.com"],
    ["another scheme", "ftp://acme.eu.files.com"],
    ["nothing readable", "http://["],
  ])("refuses %s", (_name, host) => {
    expect(regionBaseUrl(policy("https://acme.files.com"), host)).toBeUndefined()
  })

  it("follows a host outside the domain only when the app allows it", () => {
    expect(
      regionBaseUrl(policy("https://acme.files.com", ["files.example.net"]), "files.example.net"),
    ).toBe("https://files.example.net")
    expect(
      belongsToSite(
        policy("https://acme.files.com", ["files.example.net"]),
        new URL("https://x.example.net"),
      ),
    ).toBe(false)
  })
})
