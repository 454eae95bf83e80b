/** The doctor's sample logs (src/doctor/samples.ts), as scripts/figures.ts trained and wrote them. */
import { existsSync, readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { SAMPLES } from '../../doctor/samples';
import { DOCTOR_SAMPLES_FILE } from '../../figures/load';

export function getStaticPaths() {
  return SAMPLES.map((s) => ({ params: { id: s.id } }));
}

export const GET: APIRoute = ({ params }) => {
  // `astro dev` before any build has no samples: say how to make them instead of failing the page.
  if (!existsSync(DOCTOR_SAMPLES_FILE)) return new Response('# no sample yet: run npm run figures\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  const files = JSON.parse(readFileSync(DOCTOR_SAMPLES_FILE, 'utf8')) as Record<string, string>;
  return new Response(readFileSync(files[params.id!]!, 'utf8'), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
