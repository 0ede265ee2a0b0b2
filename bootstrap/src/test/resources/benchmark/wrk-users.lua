-- wrk script of SideBySideBenchmark: run with as many threads as connections (-t N -c N), so that each
-- connection is one thread and one user: thread n sends line n of the file WRK_COOKIES (a signed
-- better-auth.session_token cookie per line). WRK_METHOD (GET), WRK_BODY (none) and WRK_CONTENT_TYPE set the
-- request; WRK_ORIGIN its Origin header (the origin check of state-changing requests); WRK_FORWARDED_FOR=1
-- gives every request another X-Forwarded-For address (10.<thread>.x.y), so that a rate limiter counts each
-- request apart, as from many clients.
local cookies = {}
for line in io.lines(os.getenv("WRK_COOKIES")) do
   if #line > 0 then cookies[#cookies + 1] = line end
end
local threads = 0

function setup(thread)
   threads = threads + 1
   if threads > #cookies then
      error("more wrk threads than cookies in " .. os.getenv("WRK_COOKIES"))
   end
   thread:set("cookie", cookies[threads])
   thread:set("index", threads)
end

local method, body, headers, forwarded, fixed, sent

function init(args)
   method = os.getenv("WRK_METHOD") or "GET"
   body = os.getenv("WRK_BODY")
   headers = { ["Cookie"] = cookie }
   if body then headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "application/json" end
   if os.getenv("WRK_ORIGIN") then headers["Origin"] = os.getenv("WRK_ORIGIN") end
   forwarded = os.getenv("WRK_FORWARDED_FOR") == "1"
   fixed = wrk.format(method, nil, headers, body)
   sent = 0
end

function request()
   if not forwarded then return fixed end
   sent = sent + 1
   headers["X-Forwarded-For"] = "10." .. index .. "." .. math.floor(sent / 256) % 256 .. "." .. sent % 256
   return wrk.format(method, nil, headers, body)
end
