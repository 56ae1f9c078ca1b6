import { describe, expect, it } from "vitest";
import { awaitShared, serviceUnavailable } from "~/utils/availability.server";

describe("a load shared by concurrent requests", () => {
  it("gives each waiting request its own 503 to send, with a body that can still be read", async () => {
    const shared = Promise.reject(serviceUnavailable());
    const thrown = await Promise.all(
      [1, 2, 3].map(() =>
        awaitShared(shared).then(
          () => null,
          (error: unknown) => error as Response,
        ),
      ),
    );
    expect(new Set(thrown).size).toBe(3);
    for (const response of thrown) {
      expect(response).toBeInstanceOf(Response);
      expect(response!.status).toBe(503);
      expect(response!.headers.get("Retry-After")).toBe("5");
      expect(await response!.text()).toBe("Service temporarily unavailable");
    }
  });

  it("passes values and other errors through unchanged", async () => {
    await expect(awaitShared(Promise.resolve(42))).resolves.toBe(42);
    const failure = new Error("boom");
    await expect(awaitShared(Promise.reject(failure))).rejects.toBe(failure);
  });
});
