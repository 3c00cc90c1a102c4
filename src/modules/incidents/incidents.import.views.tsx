// The editors' form that imports a STIX 2.1 bundle, pasted or as a file, into a draft for review; a refused
// bundle is shown again with each problem named by the bundle's own field (`objects[3].type`).
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';

export function ImportForm(props: {
  ctx: PageContext;
  csrf: string;
  problems: FormProblem[];
  pasted: string;
  /** The record already here that the bundle is: a link to it instead of a second record. */
  existing?: { id: string; title: string };
}) {
  const { t } = props.ctx;
  const invalid = props.problems.length ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'problems' } : {};
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('incidents.import.title')}</h2>
      <p class="hint" id="import-hint">
        {t('incidents.import.hint')}
      </p>
      <Problems ctx={props.ctx} problems={props.problems} />
      {props.existing && (
        <p>
          {t('incidents.import.existing')} <a href={`/incidents/${props.existing.id}`}>{props.existing.title}</a>
        </p>
      )}
      <Form action="/incidents/import" csrf={props.csrf} enctype="multipart/form-data">
        <div class="field">
          <label for="f-bundle">{t('incidents.import.paste')}</label>
          <textarea id="f-bundle" name="bundle" rows={8} spellcheck={false} aria-describedby="import-hint" {...invalid}>
            {props.pasted}
          </textarea>
        </div>
        <div class="field">
          <label for="f-file">{t('incidents.import.file')}</label>
          <input id="f-file" name="file" type="file" accept=".json,application/json,application/stix+json" />
        </div>
        <Submit>{t('incidents.import.submit')}</Submit>
      </Form>
    </section>
  );
}
