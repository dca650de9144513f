import { Redis } from '@upstash/redis'

const redis = new Redis({
  url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL as string,
  // fix: upstash/write-token-in-frontend/public-env-credential
  token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN as string,
})

export async function topScores(): Promise<string[]> {
  return redis.zrange('scores', 0, 9)
}
