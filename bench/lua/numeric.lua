-- numeric.lua - a numeric workload for the runtime overhead benchmark
-- (bench/overhead-lua.sh), beside bench.lua's call-heavy one: the kernels
-- of n-body, spectral-norm, fannkuch-redux and mandelbrot, which spend
-- their time in the interpreter loop rather than in library calls. Prints
-- one checksum so that every build can be checked to compute the same
-- thing. SCALE (first argument, default 1) multiplies the work.

local scale = tonumber(arg and arg[1]) or 1

local function nbody(steps)
	local pi, days = math.pi, 365.24
	local solar = 4 * pi * pi
	local bodies = {
		{ x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0, m = solar },
		{ x = 4.84, y = -1.16, z = -0.10, vx = 0.606 * days, vy = 2.81 * days, vz = -0.02 * days, m = 9.5e-4 * solar },
		{ x = 8.34, y = 4.12, z = -0.40, vx = -1.01 * days, vy = 1.82 * days, vz = 0.008 * days, m = 2.8e-4 * solar },
		{ x = 12.89, y = -15.11, z = -0.22, vx = 1.08 * days, vy = 0.868 * days, vz = -0.01 * days, m = 4.3e-5 * solar },
		{ x = 15.37, y = -25.91, z = 0.17, vx = 0.979 * days, vy = 0.594 * days, vz = -0.034 * days, m = 5.1e-5 * solar },
	}
	local n, dt = #bodies, 0.01
	for _ = 1, steps do
		for i = 1, n do
			local bi = bodies[i]
			for j = i + 1, n do
				local bj = bodies[j]
				local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
				local d2 = dx * dx + dy * dy + dz * dz
				local mag = dt / (d2 * math.sqrt(d2))
				bi.vx, bi.vy, bi.vz = bi.vx - dx * bj.m * mag, bi.vy - dy * bj.m * mag, bi.vz - dz * bj.m * mag
				bj.vx, bj.vy, bj.vz = bj.vx + dx * bi.m * mag, bj.vy + dy * bi.m * mag, bj.vz + dz * bi.m * mag
			end
		end
		for i = 1, n do
			local b = bodies[i]
			b.x, b.y, b.z = b.x + dt * b.vx, b.y + dt * b.vy, b.z + dt * b.vz
		end
	end
	return math.floor(bodies[1].x * 1e6 + bodies[2].y * 1e6)
end

local function spectral(n)
	local function a(i, j)
		local ij = i + j - 1
		return 1.0 / (ij * (ij - 1) * 0.5 + i)
	end
	local function av(x, y)
		for i = 1, n do
			local s = 0
			for j = 1, n do
				s = s + a(i, j) * x[j]
			end
			y[i] = s
		end
	end
	local function atv(x, y)
		for i = 1, n do
			local s = 0
			for j = 1, n do
				s = s + a(j, i) * x[j]
			end
			y[i] = s
		end
	end
	local u, v, t = {}, {}, {}
	for i = 1, n do
		u[i] = 1
	end
	for _ = 1, 5 do
		av(u, t)
		atv(t, v)
		av(v, t)
		atv(t, u)
	end
	local vbv, vv = 0, 0
	for i = 1, n do
		vbv, vv = vbv + u[i] * v[i], vv + v[i] * v[i]
	end
	return math.floor(math.sqrt(vbv / vv) * 1e9)
end

local function fannkuch(n)
	local p, q, s, sign, maxflips, sum = {}, {}, {}, 1, 0, 0
	for i = 1, n do
		p[i], q[i], s[i] = i, i, i
	end
	while true do
		local q1 = p[1]
		if q1 ~= 1 then
			for i = 2, n do
				q[i] = p[i]
			end
			local flips = 1
			while true do
				local qq = q[q1]
				if qq == 1 then
					sum = sum + sign * flips
					if flips > maxflips then
						maxflips = flips
					end
					break
				end
				q[q1] = q1
				if q1 >= 4 then
					local i, j = 2, q1 - 1
					repeat
						q[i], q[j] = q[j], q[i]
						i, j = i + 1, j - 1
					until i >= j
				end
				q1 = qq
				flips = flips + 1
			end
		end
		if sign == 1 then
			p[2], p[1] = p[1], p[2]
			sign = -1
		else
			p[2], p[3] = p[3], p[2]
			sign = 1
			for i = 3, n do
				local sx = s[i]
				if sx ~= 1 then
					s[i] = sx - 1
					break
				end
				if i == n then
					return sum * 100 + maxflips
				end
				s[i] = i
				local t = p[1]
				for j = 1, i do
					p[j] = p[j + 1]
				end
				p[i + 1] = t
			end
		end
	end
end

local function mandelbrot(size)
	local count = 0
	for y = 0, size - 1 do
		local ci = 2 * y / size - 1
		for x = 0, size - 1 do
			local cr = 2 * x / size - 1.5
			local zr, zi, i = 0, 0, 0
			while i < 50 and zr * zr + zi * zi < 4 do
				zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
				i = i + 1
			end
			if i == 50 then
				count = count + 1
			end
		end
	end
	return count
end

local sum = 0
sum = sum + nbody(100000 * scale)
sum = sum + spectral(250 * scale)
sum = sum + fannkuch(9)
sum = sum + mandelbrot(400 * scale)
print(string.format("checksum %d", sum))
