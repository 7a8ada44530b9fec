"""The choice of rhythm on /mes-suivis/."""

from django import forms

from wiki.following.models import DigestPreference


class RhythmForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ["rhythm"]
        widgets = {"rhythm": forms.RadioSelect}
        labels = {"rhythm": "Recevoir par courriel ce qui a changé dans ce que je suis"}
