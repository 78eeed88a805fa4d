import "@testing-library/jest-dom/vitest";

// jsdom has no layout: a ResizeObserver that never fires is enough for bind:clientHeight.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResize as unknown as typeof ResizeObserver;
