/**
 * A tiny forward HTTP proxy on loopback that records what passes through it, to prove the action and the CLI honour
 * HTTP_PROXY. It tunnels CONNECT (what undici's proxy agents use, for http and https targets alike) and forwards
 * absolute-form requests (`GET http://host:port/path`).
 *
 * It can also misbehave, as proxies in the wild do, to prove that a check ends within its timeout whatever the proxy
 * does (see {@link ProxyBehaviour}).
 */
import { createServer, request as httpRequest } from "node:http"
import { type AddressInfo, connect, type Socket } from "node:net"

/**
 * What the proxy does with a CONNECT:
 * - `tunnel`: answers `200 Connection Established` and pipes both ways (a working proxy);
 * - `dropOnConnect`: closes the connection as soon as the CONNECT arrives (a proxy refusing the target, or one that
 *   does not implement CONNECT); undici 6's ProxyAgent reconnected to such a proxy in a tight loop, for ever;
 * - `silentOnConnect`: reads the CONNECT and never answers it (undici's headers timeout, 300 s, outlived the check);
 * - `stallAfterConnect`: answers `200 Connection Established`, then never forwards a byte either way (a tunnel whose
 *   far end hangs).
 */
export type ProxyBehaviour = "tunnel" | "dropOnConnect" | "silentOnConnect" | "stallAfterConnect"

export interface ForwardProxy {
  readonly url: string
  /** What went through the proxy: `CONNECT host:port` for tunnels, the absolute URL for forwarded requests. */
  readonly seen: ReadonlyArray<string>
  /** Client connections still open: a client that gave up on a stalled proxy must have closed them. */
  openConnections(): number
  close(): Promise<void>
}

export const startForwardProxy = async (
  options: { readonly behaviour?: ProxyBehaviour } = {}
): Promise<ForwardProxy> => {
  const behaviour = options.behaviour ?? "tunnel"
  const seen: Array<string> = []
  const sockets = new Set<Socket>()
  let open = 0
  const server = createServer((incoming, outgoing) => {
    const target = new URL(incoming.url ?? "")
    seen.push(target.href)
    const upstream = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(outgoing)
      }
    )
    upstream.on("error", () => outgoing.destroy())
    incoming.pipe(upstream)
  })
  server.on("connect", (request, client: Socket, head) => {
    seen.push(`CONNECT ${request.url}`)
    sockets.add(client)
    client.on("close", () => sockets.delete(client))
    client.on("error", () => client.destroy())
    // A misbehaving proxy reads and drops what it is sent, and hangs up when the client does: the socket is
    // half-open (allowHalfOpen) once the HTTP server hands it over, so its end is not seen otherwise.
    if (behaviour !== "tunnel") client.resume().on("end", () => client.destroy())
    switch (behaviour) {
      case "dropOnConnect":
        client.destroy()
        return
      case "silentOnConnect":
        return
      case "stallAfterConnect":
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n")
        return
      case "tunnel": {
        const [host, port] = (request.url ?? "").split(":")
        const upstream = connect(Number(port), host, () => {
          client.write("HTTP/1.1 200 Connection Established\r\n\r\n")
          upstream.write(head)
          upstream.pipe(client)
          client.pipe(upstream)
        })
        upstream.on("error", () => client.destroy())
        client.on("error", () => upstream.destroy())
      }
    }
  })
  server.on("connection", (socket: Socket) => {
    open++
    socket.on("close", () => open--)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    openConnections: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
  }
}
