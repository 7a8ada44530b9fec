"""The practices' review workflow: "Proposée → Relue par le groupe → Publiée"."""
