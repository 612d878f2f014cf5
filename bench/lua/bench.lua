-- bench.lua - a mixed workload for the runtime overhead benchmark
-- (bench/overhead-lua.sh): recursion, tables, strings, closures, sorting.
-- Prints one checksum so that every build can be checked to compute the
-- same thing. SCALE (first argument, default 1) multiplies the work.

local scale = tonumber(arg and arg[1]) or 1

local function fib(n)
	if n < 2 then
		return n
	end
	return fib(n - 1) + fib(n - 2)
end

local function tables(n)
	local t, sum = {}, 0
	for i = 1, n do
		t[i] = i * 2
	end
	local h = {}
	for i = 1, n do
		h["k" .. (i % 5000)] = (h["k" .. (i % 5000)] or 0) + t[i]
	end
	for _, v in pairs(h) do
		sum = sum + v
	end
	local pts = {}
	for i = 1, n // 4 do
		pts[#pts + 1] = { x = i, y = -i }
	end
	for _, p in ipairs(pts) do
		sum = sum + p.x + p.y
	end
	return sum
end

local function strings(n)
	local parts = {}
	for i = 1, n do
		parts[#parts + 1] = string.format("%d:%s", i, tostring(i * 7))
	end
	local s = table.concat(parts, ",")
	local count = 0
	for w in s:gmatch("%d+:") do
		count = count + #w
	end
	local r = s:sub(1, 20000):gsub("%d", function(d)
		return string.char(65 + tonumber(d))
	end)
	return count + #r + #s:upper()
end

local function sorting(n)
	local a, seed = {}, 42
	for i = 1, n do
		seed = (seed * 1103515245 + 12345) % 2147483648
		a[i] = seed
	end
	table.sort(a, function(x, y)
		return x > y
	end)
	local acc = 0
	for i = 1, n, 97 do
		acc = (acc + a[i]) % 1000000007
	end
	return acc
end

local function closures(n)
	local acc = 0
	local function make(k)
		return function(x)
			return x + k
		end
	end
	for i = 1, n do
		acc = make(i)(acc) % 1000003
	end
	return acc
end

local check = 0
for _ = 1, scale do
	check = check + fib(27)
	check = check + tables(400000)
	check = check + strings(200000)
	check = check + sorting(200000)
	check = check + closures(1000000)
end
print(string.format("checksum %d", check))
