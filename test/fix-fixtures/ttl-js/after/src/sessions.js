import { kv } from '@vercel/kv'

// Single quotes, no semicolons, four-space indentation: the fix writes the same way.
export async function createSession(sessionId, user) {
    // fix: upstash/sensitive-data-without-ttl/write-without-ttl
    await kv.set('session:' + sessionId, JSON.stringify(user), { ex: 86400 })
    return sessionId
}

export async function saveOtp(email, otp) {
    // fix: upstash/sensitive-data-without-ttl/ttl-option-ignored
    await kv.set(`otp:${email}`, otp, { px: 300000, nx: true })
}

export async function savePassword(userId, passwordHash) {
    // fix: upstash/sensitive-data-without-ttl/write-without-ttl
    await kv.set(`password-hash:${userId}`, passwordHash, {
        get: true,
        ex: 86400,
    })
}
