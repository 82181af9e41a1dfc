export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What every typed `/__control` client shares: the base URL, the bearer token, JSON both ways. */
export abstract class ControlClientBase {
  private readonly baseUrl: string;

  constructor(
    url: string,
    private readonly controlToken: string,
  ) {
    this.baseUrl = url.replace(/\/+$/, "");
  }

  /** `?a=1&b=2` for the params that are not undefined (URL-encoded), or "" when there are none. */
  protected query(params: object): string {
    const search = new URLSearchParams();
    // `object`, not a Record: filter interfaces have no index signature.
    for (const [key, value] of Object.entries(params) as Array<[string, unknown]>) if (value !== undefined) search.set(key, String(value));
    return search.size > 0 ? `?${search}` : "";
  }

  protected async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__control${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.controlToken}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = data as { code?: string; message?: string };
      throw new EmulatorControlError(response.status, error.code ?? "unknown", error.message ?? text);
    }
    return data as T;
  }
}
