import { Views } from "../components/views";

export default function Page() {
  return <Views slug="home" />;
}
