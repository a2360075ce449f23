-- wrk script (prepended to lab/run's counting script): every connection POSTs at the same
-- instants, every 1.95 s of wall-clock time, so each burst reuses nginx's cached connections
-- after an idle gap just under the backend's 2 s idle timeout
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } lab_timespec;
int clock_gettime(int clock, lab_timespec *tp);
]]
local now = ffi.new("lab_timespec")
local PERIOD_MS = 1950

wrk.method = "POST"
wrk.body = "order=42&action=charge"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function delay()
  ffi.C.clock_gettime(0, now) -- CLOCK_REALTIME: the same instants in every wrk thread
  local ms = tonumber(now.tv_sec) % 1000000 * 1000 + math.floor(tonumber(now.tv_nsec) / 1000000)
  return PERIOD_MS - ms % PERIOD_MS
end
