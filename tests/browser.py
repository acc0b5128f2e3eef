"""Real browsers for the class room's tests and screenshots: Debian's headless Chromium driven through its
chromedriver by selenium. `why_not()` says why no browser can be had here (the test then skips with that reason)."""
from __future__ import annotations

import shutil

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = "chromedriver"


def why_not() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[browser]')"
    if not any(shutil.which(name) for name in CHROMIUM):
        return "no Chromium on this machine (apt-get install chromium chromium-driver)"
    if not shutil.which(DRIVER):
        return "no chromedriver on this machine (apt-get install chromium-driver)"
    return None


def chromium(width: int = 1366, height: int = 768):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = next(shutil.which(n) for n in CHROMIUM if shutil.which(n))
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which(DRIVER)), options=options)
    driver.set_window_size(width, height)
    return driver


def viewport(driver, width: int, height: int) -> None:
    """Make the page's own viewport (not the window's frame) width x height."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
