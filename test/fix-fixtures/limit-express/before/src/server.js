import express from 'express';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const app = express();
const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.fixedWindow(5, '10 s') });

app.post('/api/login', async (req, res) => {
	// fix: upstash/rate-limit-misconfiguration/result-not-enforced
	await ratelimit.limit(`login:${req.ip}`);
	res.json({ ok: true });
});

app.listen(3000);
