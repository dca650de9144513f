export async function sendEmail(to: string, subject: string): Promise<void> {
  console.log(`email to ${to}: ${subject}`);
}

export async function buildReport(userId: string): Promise<void> {
  console.log(`report for ${userId}`);
}
