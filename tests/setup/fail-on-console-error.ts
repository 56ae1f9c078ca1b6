import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test means something went wrong that no assertion caught.
let errors: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
    original(...args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length) throw new Error(`console.error was called ${errors.length} time(s) during the test`);
});
