import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PhotoForm } from "./AuthorPanels";

/** A proposal's photos; those who may edit it remove them and add more. */
export function ProposalPhotos({
  photos,
  mayEdit,
  photoError,
}: {
  photos: readonly { id: string; fileName: string; altText: string }[];
  mayEdit: boolean;
  /** The message key of a refused upload. */
  photoError?: string;
}) {
  const { t } = useTranslation("proposals");
  return (
    <>
      {photos.length > 0 ? (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t("photos.title")}</h2>
          <ul className="photo-grid">
            {photos.map((photo) => (
              <li key={photo.id}>
                <img src={`/uploads/${photo.fileName}`} alt={photo.altText} loading="lazy" />
                {mayEdit ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-photo" />
                    <input type="hidden" name="photoId" value={photo.id} />
                    <button type="submit" className="link-button" aria-label={`${t("photos.remove")}: ${photo.altText}`}>
                      {t("photos.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {mayEdit ? (
        <section className="card" aria-labelledby="add-photo-title">
          <h2 id="add-photo-title">{t("photos.addTitle")}</h2>
          <PhotoForm count={photos.length} photoError={photoError ? t(photoError, { ns: ["proposals", "common"] }) : undefined} />
        </section>
      ) : null}
    </>
  );
}
