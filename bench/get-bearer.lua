-- GET with a bearer token from the environment (TOKEN); without TOKEN, a plain GET.
wrk.method = "GET"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
