/** A browser crossing hosts: follows nothing by itself, keeps each host's cookies. */
export class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: "GET" });
  }

  async post(url: string, fields: Record<string, string>): Promise<Response> {
    return this.send(url, { method: "POST", body: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  }

  private async send(url: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, ...(cookie === "" ? {} : { cookie }) } });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }
}
