import { describe, expect, it } from "vitest"
import { polarioDeviceFromUserAgent } from "./polarioDevice"

describe("polarioDeviceFromUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
      { os: "Windows", osVersion: "10.0", browser: "Edge 126", deviceName: "Edge on Windows" },
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      { os: "Mac", osVersion: "10.15.7", browser: "Safari 17", deviceName: "Safari on Mac" },
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      { os: "IOS", osVersion: "17.5", browser: "Safari 17", deviceName: "Safari on iOS" },
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36",
      { os: "Android", osVersion: "14", browser: "Chrome 126", deviceName: "Chrome on Android" },
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      { os: "Linux", osVersion: "unknown", browser: "Firefox 128", deviceName: "Firefox on Linux" },
    ],
    [
      "curl/8.5.0",
      { os: "Other", osVersion: "unknown", browser: undefined, deviceName: undefined },
    ],
  ])("reads %s", (userAgent, device) => {
    expect(polarioDeviceFromUserAgent(userAgent)).toEqual(device)
  })
})
