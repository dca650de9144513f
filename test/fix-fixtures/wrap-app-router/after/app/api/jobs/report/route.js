'use strict'
import { sendEmail } from '../../../../lib/jobs'
import { verifySignatureAppRouter } from '@upstash/qstash/nextjs'

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export const POST = verifySignatureAppRouter(async (request) => {
  const { month } = await request.json()
  await sendEmail(month)
  return new Response('done')
})
