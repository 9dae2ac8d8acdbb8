-- Argo CD health check for schemagate.dev/SchemaState (docs/gitops.md). Argo CD runs it with
-- gopher-lua on each SchemaState of an Application, `obj` being the object; the Application is
-- Healthy only when all its resources are.
--   Healthy:     the window is published and, when spec.requiredVersion is set, that version is live
--   Progressing: nothing published yet, a phase is being applied (condition Applying=True), or
--                spec.requiredVersion is above the window (its expand has not run yet)
--   Degraded:    publication failed (Published=False), a gate held a phase back (HeldBack=True), a
--                phase failed (Failed=True), or spec.requiredVersion was contracted away
local hs = {}
local track = "?"
if obj.spec ~= nil and obj.spec.track ~= nil then
  track = obj.spec.track
end
local function condition(kind)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == kind then
        return c
      end
    end
  end
  return nil
end
local function said(c, default)
  if c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return default
end

if obj.status == nil or obj.status.window == nil then
  hs.status = "Progressing"
  hs.message = track .. ": no window published yet (waiting for the runner)"
  return hs
end
local published = condition("Published")
if published ~= nil and published.status == "False" then
  hs.status = "Degraded"
  hs.message = track .. ": publication failed: " .. said(published, "reason " .. tostring(published.reason))
  return hs
end
for _, kind in ipairs({"Failed", "HeldBack"}) do
  local c = condition(kind)
  if c ~= nil and c.status == "True" then
    hs.status = "Degraded"
    hs.message = track .. ": " .. said(c, kind)
    return hs
  end
end
local applying = condition("Applying")
if applying ~= nil and applying.status == "True" then
  hs.status = "Progressing"
  hs.message = track .. ": " .. said(applying, "a phase is being applied")
  return hs
end

local contracted = obj.status.window.contracted
local expanded = obj.status.window.expanded
local window = string.format("live window %d..%d", math.max(contracted, 1), expanded)
local required = nil
if obj.spec ~= nil then
  required = obj.spec.requiredVersion
end
if required ~= nil then
  if required > expanded then
    hs.status = "Progressing"
    hs.message = string.format("%s@%d is not live yet: %s; waiting for the runner to apply %s@%d's expand",
      track, required, window, track, required)
    return hs
  end
  if required < math.max(contracted, 1) then
    hs.status = "Degraded"
    hs.message = string.format("%s@%d is no longer supported: %s@%d's contract removed what it needs (%s)",
      track, required, track, contracted, window)
    return hs
  end
  hs.status = "Healthy"
  hs.message = string.format("%s@%d is live (%s)", track, required, window)
  return hs
end
hs.status = "Healthy"
hs.message = track .. ": " .. window
return hs
