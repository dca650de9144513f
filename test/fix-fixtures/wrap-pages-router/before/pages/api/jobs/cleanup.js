import { resizeImage } from '../../../lib/queue'

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default async function (req, res) {
  await resizeImage('all')
  res.status(204).end()
}
