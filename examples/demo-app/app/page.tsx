import { LiveCounter } from "@/components/LiveCounter";

export default function Home() {
  return (
    <main>
      <h1>Demo</h1>
      <LiveCounter />
    </main>
  );
}
