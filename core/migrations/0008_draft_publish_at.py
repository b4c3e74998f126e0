"""A live item's draft scheduled for a time (Draft.publish_at), and the step that publishes it then."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_edit_presence"),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="publish_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.AlterField(
            model_name="workflowevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("draft_saved", "saved a draft"),
                    ("restored", "restored a revision as a draft"),
                    ("submitted", "submitted for review"),
                    ("returned", "sent back"),
                    ("published", "published"),
                    ("scheduled", "scheduled"),
                    ("published_on_time", "published at its scheduled time"),
                    ("discarded", "discarded the draft"),
                ],
                max_length=20,
            ),
        ),
    ]
