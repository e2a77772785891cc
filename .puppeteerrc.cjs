// Never download a browser: Chromium comes from Debian (apt-get install chromium).
module.exports = { skipDownload: true, executablePath: process.env.CHROME_PATH || "/usr/bin/chromium" };
