-- wrk script: POSTs distinct valid electronic files (a new file_id per request) to /api/v1/files.
-- The thread id comes from the global set in setup() via thread:set().
local counter = 0
local body_template

function setup(thread)
  thread:set("tid", thread_index or 0)
end

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

function init(args)
  local f = assert(io.open(args[1] or "assets/samples/electronic-file.json", "r"))
  body_template = f:read("*a")
  f:close()
end

function request()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", math.random(0, 0x7fffffff), tid, counter)
  local body = body_template:gsub('"file_id": "[^"]*"', '"file_id": "' .. id .. '"', 1)
  return wrk.format("POST", "/api/v1/files", {["Content-Type"] = "application/json"}, body)
end
