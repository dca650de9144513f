'use strict'
import { sendEmail } from '../../../../lib/jobs'

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export async function POST(request) {
  const { month } = await request.json()
  await sendEmail(month)
  return new Response('done')
}
