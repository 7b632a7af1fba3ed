/**
 * A tiny forward HTTP proxy on loopback that records what passes through it, to prove the action honours
 * HTTP_PROXY. It tunnels CONNECT (what undici's proxy agents use, for http and https targets alike) and forwards
 * absolute-form requests (`GET http://host:port/path`).
 */
import { createServer, request as httpRequest } from "node:http"
import { type AddressInfo, connect } from "node:net"

export interface ForwardProxy {
  readonly url: string
  /** What went through the proxy: `CONNECT host:port` for tunnels, the absolute URL for forwarded requests. */
  readonly seen: ReadonlyArray<string>
  close(): Promise<void>
}

export const startForwardProxy = async (): Promise<ForwardProxy> => {
  const seen: Array<string> = []
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
  server.on("connect", (request, client, head) => {
    seen.push(`CONNECT ${request.url}`)
    const [host, port] = (request.url ?? "").split(":")
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n")
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on("error", () => client.destroy())
    client.on("error", () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
