from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ptashka_payments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="checkoutpayment",
            name="declines",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
