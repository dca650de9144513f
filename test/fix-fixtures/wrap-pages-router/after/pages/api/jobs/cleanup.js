import { resizeImage } from '../../../lib/queue'
import { verifySignature } from '@upstash/qstash/nextjs'

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default verifySignature(async function (req, res) {
  await resizeImage('all')
  res.status(204).end()
})

export const config = { api: { bodyParser: false } }
