/**
 * "Now" for what a view asks the server (series windows, current periods). In the browser it is
 * the browser's clock. While the server draws the client components' HTML it is the app's clock
 * (server/clock.ts keeps its offset on globalThis; CLOCK_START moves it in end-to-end runs), so
 * the windows drawn on the server are those the page prefetched and the browser asks for.
 */
export function viewNow(): Date {
  const offset = typeof window === 'undefined' ? (globalThis as { __lienthongClockOffsetMs?: number }).__lienthongClockOffsetMs : undefined;
  return new Date(Date.now() + (offset ?? 0));
}
