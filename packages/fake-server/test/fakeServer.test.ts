import { DEMO_API_KEY, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

let server: FakeSociaVault
beforeEach(async () => {
  server = await startFakeSociaVault()
})
afterEach(() => server.close())

const get = (path = "/v1/credits", key: string | null = DEMO_API_KEY) =>
  fetch(`${server.url}${path}`, { headers: key === null ? {} : { "x-api-key": key }, redirect: "manual" })

describe("fake SociaVault server", () => {
  it("answers the demo key with its balance, under any path prefix", async () => {
    for (const path of ["/v1/credits", "/gateway/v1/credits"]) {
      const response = await get(path)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ credits: 950, subscriptionStatus: "active" })
    }
  })

  it("answers 401 for a missing or unknown key, 404 for a deleted user", async () => {
    expect((await get("/v1/credits", null)).status).toBe(401)
    expect((await get("/v1/credits", "sk_wrong")).status).toBe(401)
    server.setBalance("sk_gone", null)
    expect((await get("/v1/credits", "sk_gone")).status).toBe(404)
  })

  it("records every request with its headers", async () => {
    await get()
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({ method: "GET", path: "/v1/credits" })
    expect(server.requests[0]!.headers["x-api-key"]).toBe(DEMO_API_KEY)
  })

  it("applies queued faults in order, then answers normally", async () => {
    server.enqueue(
      { kind: "status", status: 503 },
      { kind: "rateLimit", retryAfter: "2" },
      { kind: "body", body: "not json" },
      { kind: "redirect", location: "http://elsewhere.test/" }
    )
    expect((await get()).status).toBe(503)
    const limited = await get()
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"])
    expect(await (await get()).text()).toBe("not json")
    const redirect = await get()
    expect([redirect.status, redirect.headers.get("location")]).toEqual([302, "http://elsewhere.test/"])
    expect((await get()).status).toBe(200)
  })

  it("resets the connection on a reset fault", async () => {
    server.enqueue({ kind: "reset" })
    await expect(get()).rejects.toThrow()
  })

  it("closes even with a request hanging", async () => {
    server.enqueue({ kind: "hang" })
    const pending = get().catch((error: unknown) => error)
    while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve))
    await server.close()
    expect(await pending).toBeInstanceOf(Error)
  })
})
