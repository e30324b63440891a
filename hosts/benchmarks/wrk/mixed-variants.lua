-- A mixed variant load for wrk: each request picks the next of (uploaded photo x width x Accept), so
-- every combination comes round in turn. Set PATHS to the /img/... paths of the uploads, space-separated.
-- fmt=auto: the Accept header chooses AVIF, WebP or the source's format (JPEG here); MIX=jpeg asks for
-- JPEG only (the same work for either codec).
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or "", "%S+") do paths[#paths + 1] = p end
local widths = { 256, 384, 640 }
local accepts = { "image/avif,image/webp,*/*", "image/webp,*/*", "image/jpeg" }
if os.getenv("MIX") == "jpeg" then accepts = { "image/jpeg" } end
local requests = {}
-- Built in init: wrk sets the Host header (which the server checks) only after the script is loaded.
init = function()
  for _, p in ipairs(paths) do
    for _, w in ipairs(widths) do
      for _, a in ipairs(accepts) do
        requests[#requests + 1] = wrk.format("GET", p .. "?w=" .. w .. "&q=75", { ["Accept"] = a })
      end
    end
  end
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency)
  io.write(string.format("requests/s %.1f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({ 50, 90, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("errors: connect %d read %d write %d status %d timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
